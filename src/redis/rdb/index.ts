/** The RDB file format, version 10, as Redis 7.0 writes and reads it (rdb.c): the public entry. */
export { encodeRdb, rdbObjectType, type RdbAux, type RdbSaveInfo } from './encode.js';
export { decodeRdb } from './decode.js';
export { RdbError } from './errors.js';
export { crc64 } from './crc64.js';
