-- placeholders CREATE EXTENSION replaces before PostgreSQL parses the script
CREATE FUNCTION @extschema@.answer() RETURNS int LANGUAGE sql AS 'SELECT 42';
ALTER FUNCTION @extschema@.answer() OWNER TO @extowner@;
GRANT EXECUTE ON FUNCTION @extschema:example@.answer() TO PUBLIC;
