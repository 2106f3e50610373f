-- Placeholder on the `replay` branch only: migration 4 belongs to the `sql` branch (SQL views), whose
-- file replaces this one when the branches merge. It changes nothing.
SELECT 1;
