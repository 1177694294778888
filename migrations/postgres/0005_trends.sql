-- Member households over time: joins and leaves per network and calendar month (the month is
-- counted as year * 12 + month - 1), and the optional decade of birth a member may give, counted
-- in the zone's age profile and never shown one by one.
CREATE TABLE household_months (
    bin_id BIGINT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    month BIGINT NOT NULL,
    joins BIGINT NOT NULL DEFAULT 0,
    leaves BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (bin_id, month)
);
CREATE INDEX household_months_month ON household_months(month);

ALTER TABLE memberships ADD COLUMN birth_decade BIGINT;
