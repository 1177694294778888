-- What the render cache (server/src/render_cache.rs) keys its pages by: a number that every
-- change to the data behind the public pages (the directory, BIN pages, lessons' figures, the
-- open API) raises, in the same transaction as the change, so a page rendered before a change
-- is never served after it. A change of someone's display name counts too.
-- (SQLite)
CREATE TABLE public_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO public_version (id, version) VALUES (1, 1);
CREATE TRIGGER public_bins_insert AFTER INSERT ON bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bins_update AFTER UPDATE ON bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bins_delete AFTER DELETE ON bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_segments_insert AFTER INSERT ON bin_segments BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_segments_update AFTER UPDATE ON bin_segments BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_segments_delete AFTER DELETE ON bin_segments BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_role_grants_insert AFTER INSERT ON role_grants BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_role_grants_update AFTER UPDATE ON role_grants BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_role_grants_delete AFTER DELETE ON role_grants BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charters_insert AFTER INSERT ON charters BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charters_update AFTER UPDATE ON charters BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charters_delete AFTER DELETE ON charters BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charter_signatures_insert AFTER INSERT ON charter_signatures BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charter_signatures_update AFTER UPDATE ON charter_signatures BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_charter_signatures_delete AFTER DELETE ON charter_signatures BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_events_insert AFTER INSERT ON bin_events BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_events_update AFTER UPDATE ON bin_events BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_bin_events_delete AFTER DELETE ON bin_events BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_memberships_insert AFTER INSERT ON memberships BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_memberships_update AFTER UPDATE ON memberships BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_memberships_delete AFTER DELETE ON memberships BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_household_months_insert AFTER INSERT ON household_months BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_household_months_update AFTER UPDATE ON household_months BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_household_months_delete AFTER DELETE ON household_months BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_certificates_insert AFTER INSERT ON certificates BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_certificates_update AFTER UPDATE ON certificates BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_certificates_delete AFTER DELETE ON certificates BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_cpa_volunteers_insert AFTER INSERT ON cpa_volunteers BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_cpa_volunteers_update AFTER UPDATE ON cpa_volunteers BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_cpa_volunteers_delete AFTER DELETE ON cpa_volunteers BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_messages_insert AFTER INSERT ON messages BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_messages_update AFTER UPDATE ON messages BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_messages_delete AFTER DELETE ON messages BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_message_bins_insert AFTER INSERT ON message_bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_message_bins_update AFTER UPDATE ON message_bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_message_bins_delete AFTER DELETE ON message_bins BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_users_name AFTER UPDATE OF display_name ON users BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER public_users_delete AFTER DELETE ON users BEGIN UPDATE public_version SET version = version + 1 WHERE id = 1; END;
