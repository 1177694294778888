-- The national household trend, kept as it changes: joins and leaves per month summed over the
-- active networks, which the national dashboard reads instead of summing every network's months
-- (the longest of its reads at ten times the demo's size). Triggers keep it in the same
-- transaction as each change: a network's months as they are written (once per statement, from
-- the rows it wrote), and all of a network's months as it becomes active or stops being active.
CREATE TABLE household_trend (
    month BIGINT PRIMARY KEY,
    joins BIGINT NOT NULL DEFAULT 0,
    leaves BIGINT NOT NULL DEFAULT 0
);
INSERT INTO household_trend (month, joins, leaves)
    SELECT h.month, SUM(h.joins), SUM(h.leaves)
    FROM household_months h JOIN bins b ON b.id = h.bin_id
    WHERE b.state = 'active' GROUP BY h.month;

-- Adds `changes` (month, joins, leaves) to the trend.
CREATE FUNCTION household_trend_add(changes_month BIGINT[], changes_joins BIGINT[], changes_leaves BIGINT[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO household_trend (month, joins, leaves)
        SELECT m, SUM(j), SUM(l) FROM unnest(changes_month, changes_joins, changes_leaves) AS c(m, j, l) GROUP BY m
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + EXCLUDED.joins,
        leaves = household_trend.leaves + EXCLUDED.leaves;
$$;

CREATE FUNCTION household_trend_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM household_trend_add(array_agg(n.month), array_agg(n.joins), array_agg(n.leaves))
    FROM new_rows n JOIN bins b ON b.id = n.bin_id WHERE b.state = 'active' HAVING COUNT(*) > 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER household_trend_insert AFTER INSERT ON household_months
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_trend_inserted();

CREATE FUNCTION household_trend_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM household_trend_add(array_agg(d.month), array_agg(d.joins), array_agg(d.leaves))
    FROM (
        SELECT n.month, n.joins, n.leaves FROM new_rows n JOIN bins b ON b.id = n.bin_id WHERE b.state = 'active'
        UNION ALL
        SELECT o.month, -o.joins, -o.leaves FROM old_rows o JOIN bins b ON b.id = o.bin_id WHERE b.state = 'active'
    ) d HAVING COUNT(*) > 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER household_trend_update AFTER UPDATE ON household_months
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_trend_updated();

CREATE FUNCTION household_trend_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM household_trend_add(array_agg(o.month), array_agg(-o.joins), array_agg(-o.leaves))
    FROM old_rows o JOIN bins b ON b.id = o.bin_id WHERE b.state = 'active' HAVING COUNT(*) > 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER household_trend_delete AFTER DELETE ON household_months
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_trend_deleted();

-- A network that becomes active brings its months; one that stops takes them away. A network
-- removed while active takes them away first (its months then go with it).
CREATE FUNCTION household_trend_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign BIGINT := CASE WHEN TG_OP = 'UPDATE' AND NEW.state = 'active' THEN 1 ELSE -1 END;
BEGIN
    PERFORM household_trend_add(array_agg(h.month), array_agg(sign * h.joins), array_agg(sign * h.leaves))
    FROM household_months h WHERE h.bin_id = OLD.id HAVING COUNT(*) > 0;
    -- Before a delete, the row goes on being deleted.
    RETURN OLD;
END;
$$;
CREATE TRIGGER household_trend_state AFTER UPDATE OF state ON bins
    FOR EACH ROW WHEN ((OLD.state = 'active') IS DISTINCT FROM (NEW.state = 'active'))
    EXECUTE FUNCTION household_trend_state();
CREATE TRIGGER household_trend_bin_delete BEFORE DELETE ON bins
    FOR EACH ROW WHEN (OLD.state = 'active') EXECUTE FUNCTION household_trend_state();
