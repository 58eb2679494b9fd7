-- The case file (cases.file) and the event payloads (events.payload) are now written as
-- zlib-compressed JSON (BLOB); rows written before stay JSON text and are read as they are
-- (store/codec.rs tells them apart). So nothing reads JSON inside SQL any more:
-- * the duplicate check finds open cases on a judgment by a column of its own;
ALTER TABLE cases ADD COLUMN basis_number TEXT;
UPDATE cases SET basis_number = json_extract(file, '$.basis.case_number');
DROP INDEX cases_open_basis;
CREATE INDEX cases_open_basis_number ON cases (basis_number) WHERE open = 1;
-- * a search by name checks the whole name against the names a case can be found by (parties,
--   legal representatives, agents), not against the whole file (which matched addresses too).
ALTER TABLE cases ADD COLUMN names TEXT NOT NULL DEFAULT '';
UPDATE cases SET names = coalesce((
    SELECT group_concat(n, '、') FROM (
        SELECT json_extract(p.value, '$.name') AS n FROM json_each(cases.file, '$.parties') p
        UNION ALL
        SELECT json_extract(a.value, '$.name') FROM json_each(cases.file, '$.parties') p,
            json_each(p.value, '$.agents') a
        UNION ALL
        SELECT json_extract(p.value, '$.legal_rep') FROM json_each(cases.file, '$.parties') p
        WHERE json_extract(p.value, '$.legal_rep') IS NOT NULL
    )
), '');
