-- What the render cache (server/src/render_cache.rs) keys its pages by: a number that every
-- change to the data behind the public pages (the directory, BIN pages, lessons' figures, the
-- open API) raises, in the same transaction as the change, so a page rendered before a change
-- is never served after it. A change of someone's display name counts too.
-- Every instance reads the number before it answers from its cache, so a change made through
-- one instance empties the others' caches too (PostgreSQL).
CREATE TABLE public_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO public_version (id, version) VALUES (1, 1);

CREATE FUNCTION raise_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER public_bins AFTER INSERT OR UPDATE OR DELETE ON bins FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_bin_segments AFTER INSERT OR UPDATE OR DELETE ON bin_segments FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_role_grants AFTER INSERT OR UPDATE OR DELETE ON role_grants FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_charters AFTER INSERT OR UPDATE OR DELETE ON charters FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_charter_signatures AFTER INSERT OR UPDATE OR DELETE ON charter_signatures FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_bin_events AFTER INSERT OR UPDATE OR DELETE ON bin_events FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_memberships AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_household_months AFTER INSERT OR UPDATE OR DELETE ON household_months FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_certificates AFTER INSERT OR UPDATE OR DELETE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_cpa_volunteers AFTER INSERT OR UPDATE OR DELETE ON cpa_volunteers FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_messages AFTER INSERT OR UPDATE OR DELETE ON messages FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_message_bins AFTER INSERT OR UPDATE OR DELETE ON message_bins FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
CREATE TRIGGER public_users_name AFTER UPDATE OF display_name OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION raise_public_version();
