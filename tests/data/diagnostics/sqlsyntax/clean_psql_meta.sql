/* contrib/example/example--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION example" to load this file. \quit

\set ON_ERROR_STOP on
CREATE FUNCTION example_tag(text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $body$
BEGIN
    -- a backslash here is function text, not a psql command:
    RETURN E'\\' || $1;
END;
$body$;
  \i other_file.sql
SELECT 'not \a command' AS s;
