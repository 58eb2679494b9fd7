-- A judgment is handed over once for the same parties while a case on it is open: the check finds
-- open cases on the effective document's (canonical) case number through this index.
CREATE INDEX cases_open_basis ON cases (json_extract(file, '$.basis.case_number')) WHERE open = 1;
