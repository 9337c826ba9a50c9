// The HTTP layer may not import src/db (STYLE §1); it reads database error codes through here.
export { pgErrorOf } from '../../db/pg-errors.ts';
