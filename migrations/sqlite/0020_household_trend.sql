-- The national household trend, kept as it changes: joins and leaves per month summed over the
-- active networks, which the national dashboard reads instead of summing every network's months
-- (the longest of its reads at ten times the demo's size). Triggers keep it in the same
-- transaction as each change: a network's months as they are written, and all of a network's
-- months as it becomes active or stops being active.
CREATE TABLE household_trend (
    month BIGINT PRIMARY KEY,
    joins BIGINT NOT NULL DEFAULT 0,
    leaves BIGINT NOT NULL DEFAULT 0
);
INSERT INTO household_trend (month, joins, leaves)
    SELECT h.month, SUM(h.joins), SUM(h.leaves)
    FROM household_months h JOIN bins b ON b.id = h.bin_id
    WHERE b.state = 'active' GROUP BY h.month;

CREATE TRIGGER household_trend_insert AFTER INSERT ON household_months
WHEN (SELECT state FROM bins WHERE id = NEW.bin_id) = 'active'
BEGIN
    INSERT INTO household_trend (month, joins, leaves) VALUES (NEW.month, NEW.joins, NEW.leaves)
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + excluded.joins,
        leaves = household_trend.leaves + excluded.leaves;
END;

CREATE TRIGGER household_trend_update AFTER UPDATE ON household_months
BEGIN
    INSERT INTO household_trend (month, joins, leaves)
        SELECT OLD.month, -OLD.joins, -OLD.leaves WHERE (SELECT state FROM bins WHERE id = OLD.bin_id) = 'active'
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + excluded.joins,
        leaves = household_trend.leaves + excluded.leaves;
    INSERT INTO household_trend (month, joins, leaves)
        SELECT NEW.month, NEW.joins, NEW.leaves WHERE (SELECT state FROM bins WHERE id = NEW.bin_id) = 'active'
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + excluded.joins,
        leaves = household_trend.leaves + excluded.leaves;
END;

CREATE TRIGGER household_trend_delete AFTER DELETE ON household_months
WHEN (SELECT state FROM bins WHERE id = OLD.bin_id) = 'active'
BEGIN
    UPDATE household_trend SET joins = joins - OLD.joins, leaves = leaves - OLD.leaves WHERE month = OLD.month;
END;

-- A network that becomes active brings its months; one that stops takes them away. A network
-- removed while active takes them away first (its months then go with it).
CREATE TRIGGER household_trend_state AFTER UPDATE OF state ON bins
WHEN (OLD.state = 'active') <> (NEW.state = 'active')
BEGIN
    INSERT INTO household_trend (month, joins, leaves)
        SELECT month, CASE WHEN NEW.state = 'active' THEN joins ELSE -joins END,
            CASE WHEN NEW.state = 'active' THEN leaves ELSE -leaves END
        FROM household_months WHERE bin_id = NEW.id
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + excluded.joins,
        leaves = household_trend.leaves + excluded.leaves;
END;

CREATE TRIGGER household_trend_bin_delete BEFORE DELETE ON bins
WHEN OLD.state = 'active'
BEGIN
    INSERT INTO household_trend (month, joins, leaves)
        SELECT month, -joins, -leaves FROM household_months WHERE bin_id = OLD.id
    ON CONFLICT (month) DO UPDATE SET joins = household_trend.joins + excluded.joins,
        leaves = household_trend.leaves + excluded.leaves;
END;
