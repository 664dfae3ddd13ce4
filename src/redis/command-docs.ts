/**
 * Command documentation for every command the simulated Redis 7.0 supports: redis-cli 7.0's help
 * table (help.h: name, argument hint, summary, group, since), plus COMMAND INFO / COMMAND DOCS
 * facts (arity, flags, key spec, ACL categories, complexity) copied from a real redis-server
 * 7.0.15. The REPL uses it for Tab completion, hints and HELP; the server for COMMAND.
 * Also: redis-cli's hint and completion rules (redis-cli.c: hintsCallback, completionCallback).
 */

export interface CommandDoc {
  /** As redis-cli's help shows it, uppercase; subcommands include their container: "CONFIG GET". */
  name: string;
  /** help.h group: "string", "generic", "server", "connection", "list", "hash", "set", "sorted-set", "transactions". */
  group: string;
  since: string;
  summary: string;
  /** redis-cli 7.0's argument hint (help.h params), "" when the command takes none. */
  args: string;
  /** COMMAND DOCS complexity. */
  complexity: string;
  /** COMMAND INFO: arity (N exactly, -N at least N, argv[0] and the subcommand included). */
  arity: number;
  /** COMMAND INFO flags, verbatim Redis 7.0 names (e.g. "no_multi", "allow_busy"). */
  flags: readonly string[];
  firstKey: number;
  lastKey: number;
  keyStep: number;
  /** COMMAND INFO ACL categories, e.g. ["@write", "@string", "@slow"]. */
  aclCategories: readonly string[];
  /**
   * For container commands (CONFIG, CLIENT, COMMAND, DEBUG): the subcommands the simulation
   * supports. Each but DEBUG's has its own row ("CONFIG GET"); redis-cli 7.0 has no help rows for
   * DEBUG's subcommands, so neither do we.
   */
  subcommands?: readonly string[];
}

function row(
  name: string,
  group: string,
  since: string,
  summary: string,
  args: string,
  complexity: string,
  info: [arity: number, flags: string[], firstKey: number, lastKey: number, keyStep: number, acl: string[]],
  subcommands?: string[],
): CommandDoc {
  const [arity, flags, firstKey, lastKey, keyStep, aclCategories] = info;
  const doc: CommandDoc = { name, group, since, summary, args, complexity, arity, flags, firstKey, lastKey, keyStep, aclCategories };
  if (subcommands) doc.subcommands = subcommands;
  return doc;
}

/** Every supported command and subcommand, sorted by name like redis-cli's help table. */
export const commandDocs: readonly CommandDoc[] = [
  row("PING", "connection", "1.0.0", "Ping the server",
    "[message]",
    "O(1)",
    [-1, ["fast"], 0, 0, 0, ["@fast", "@connection"]]),
  row("ECHO", "connection", "1.0.0", "Echo the given string",
    "message",
    "O(1)",
    [2, ["loading", "stale", "fast"], 0, 0, 0, ["@fast", "@connection"]]),
  row("SELECT", "connection", "1.0.0", "Change the selected database for the current connection",
    "index",
    "O(1)",
    [2, ["loading", "stale", "fast"], 0, 0, 0, ["@fast", "@connection"]]),
  row("DBSIZE", "server", "1.0.0", "Return the number of keys in the selected database",
    "",
    "O(1)",
    [1, ["readonly", "fast"], 0, 0, 0, ["@keyspace", "@read", "@fast"]]),
  row("FLUSHDB", "server", "1.0.0", "Remove all keys from the current database",
    "[ASYNC|SYNC]",
    "O(N) where N is the number of keys in the selected database",
    [-1, ["write"], 0, 0, 0, ["@keyspace", "@write", "@slow", "@dangerous"]]),
  row("FLUSHALL", "server", "1.0.0", "Remove all keys from all databases",
    "[ASYNC|SYNC]",
    "O(N) where N is the total number of keys in all databases",
    [-1, ["write"], 0, 0, 0, ["@keyspace", "@write", "@slow", "@dangerous"]]),
  row("SWAPDB", "server", "4.0.0", "Swaps two Redis databases",
    "index1 index2",
    "O(N) where N is the count of clients watching or blocking on keys from both databases.",
    [3, ["write", "fast"], 0, 0, 0, ["@keyspace", "@write", "@fast", "@dangerous"]]),
  row("SET", "string", "1.0.0", "Set the string value of a key",
    "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]",
    "O(1)",
    [-3, ["write", "denyoom"], 1, 1, 1, ["@write", "@string", "@slow"]]),
  row("SETEX", "string", "2.0.0", "Set the value and expiration of a key",
    "key seconds value",
    "O(1)",
    [4, ["write", "denyoom"], 1, 1, 1, ["@write", "@string", "@slow"]]),
  row("PSETEX", "string", "2.6.0", "Set the value and expiration in milliseconds of a key",
    "key milliseconds value",
    "O(1)",
    [4, ["write", "denyoom"], 1, 1, 1, ["@write", "@string", "@slow"]]),
  row("SETNX", "string", "1.0.0", "Set the value of a key, only if the key does not exist",
    "key value",
    "O(1)",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("GET", "string", "1.0.0", "Get the value of a key",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@string", "@fast"]]),
  row("GETSET", "string", "1.0.0", "Set the string value of a key and return its old value",
    "key value",
    "O(1)",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("GETDEL", "string", "6.2.0", "Get the value of a key and delete the key",
    "key",
    "O(1)",
    [2, ["write", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("GETEX", "string", "6.2.0", "Get the value of a key and optionally set its expiration",
    "key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]",
    "O(1)",
    [-2, ["write", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("MSET", "string", "1.0.1", "Set multiple keys to multiple values",
    "key value [key value ...]",
    "O(N) where N is the number of keys to set.",
    [-3, ["write", "denyoom"], 1, -1, 2, ["@write", "@string", "@slow"]]),
  row("MSETNX", "string", "1.0.1", "Set multiple keys to multiple values, only if none of the keys exist",
    "key value [key value ...]",
    "O(N) where N is the number of keys to set.",
    [-3, ["write", "denyoom"], 1, -1, 2, ["@write", "@string", "@slow"]]),
  row("MGET", "string", "1.0.0", "Get the values of all the given keys",
    "key [key ...]",
    "O(N) where N is the number of keys to retrieve.",
    [-2, ["readonly", "fast"], 1, -1, 1, ["@read", "@string", "@fast"]]),
  row("INCR", "string", "1.0.0", "Increment the integer value of a key by one",
    "key",
    "O(1)",
    [2, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("INCRBY", "string", "1.0.0", "Increment the integer value of a key by the given amount",
    "key increment",
    "O(1)",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("DECR", "string", "1.0.0", "Decrement the integer value of a key by one",
    "key",
    "O(1)",
    [2, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("DECRBY", "string", "1.0.0", "Decrement the integer value of a key by the given number",
    "key decrement",
    "O(1)",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("INCRBYFLOAT", "string", "2.6.0", "Increment the float value of a key by the given amount",
    "key increment",
    "O(1)",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("APPEND", "string", "2.0.0", "Append a value to a key",
    "key value",
    "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
    [3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@string", "@fast"]]),
  row("STRLEN", "string", "2.2.0", "Get the length of the value stored in a key",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@string", "@fast"]]),
  row("GETRANGE", "string", "2.4.0", "Get a substring of the string stored at a key",
    "key start end",
    "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
    [4, ["readonly"], 1, 1, 1, ["@read", "@string", "@slow"]]),
  row("SETRANGE", "string", "2.2.0", "Overwrite part of a string at key starting at the specified offset",
    "key offset value",
    "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
    [4, ["write", "denyoom"], 1, 1, 1, ["@write", "@string", "@slow"]]),
  row("DEL", "generic", "1.0.0", "Delete a key",
    "key [key ...]",
    "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
    [-2, ["write"], 1, -1, 1, ["@keyspace", "@write", "@slow"]]),
  row("UNLINK", "generic", "4.0.0", "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
    "key [key ...]",
    "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
    [-2, ["write", "fast"], 1, -1, 1, ["@keyspace", "@write", "@fast"]]),
  row("EXISTS", "generic", "1.0.0", "Determine if a key exists",
    "key [key ...]",
    "O(N) where N is the number of keys to check.",
    [-2, ["readonly", "fast"], 1, -1, 1, ["@keyspace", "@read", "@fast"]]),
  row("KEYS", "generic", "1.0.0", "Find all keys matching the given pattern",
    "pattern",
    "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
    [2, ["readonly"], 0, 0, 0, ["@keyspace", "@read", "@slow", "@dangerous"]]),
  row("SCAN", "generic", "2.8.0", "Incrementally iterate the keys space",
    "cursor [MATCH pattern] [COUNT count] [TYPE type]",
    "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
    [-2, ["readonly"], 0, 0, 0, ["@keyspace", "@read", "@slow"]]),
  row("TYPE", "generic", "1.0.0", "Determine the type stored at key",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@keyspace", "@read", "@fast"]]),
  row("TTL", "generic", "1.0.0", "Get the time to live for a key in seconds",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@keyspace", "@read", "@fast"]]),
  row("PTTL", "generic", "2.6.0", "Get the time to live for a key in milliseconds",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@keyspace", "@read", "@fast"]]),
  row("EXPIRE", "generic", "1.0.0", "Set a key's time to live in seconds",
    "key seconds [NX|XX|GT|LT]",
    "O(1)",
    [-3, ["write", "fast"], 1, 1, 1, ["@keyspace", "@write", "@fast"]]),
  row("PEXPIRE", "generic", "2.6.0", "Set a key's time to live in milliseconds",
    "key milliseconds [NX|XX|GT|LT]",
    "O(1)",
    [-3, ["write", "fast"], 1, 1, 1, ["@keyspace", "@write", "@fast"]]),
  row("EXPIREAT", "generic", "1.2.0", "Set the expiration for a key as a UNIX timestamp",
    "key unix-time-seconds [NX|XX|GT|LT]",
    "O(1)",
    [-3, ["write", "fast"], 1, 1, 1, ["@keyspace", "@write", "@fast"]]),
  row("PEXPIREAT", "generic", "2.6.0", "Set the expiration for a key as a UNIX timestamp specified in milliseconds",
    "key unix-time-milliseconds [NX|XX|GT|LT]",
    "O(1)",
    [-3, ["write", "fast"], 1, 1, 1, ["@keyspace", "@write", "@fast"]]),
  row("PERSIST", "generic", "2.2.0", "Remove the expiration from a key",
    "key",
    "O(1)",
    [2, ["write", "fast"], 1, 1, 1, ["@keyspace", "@write", "@fast"]]),
  row("RENAME", "generic", "1.0.0", "Rename a key",
    "key newkey",
    "O(1)",
    [3, ["write"], 1, 2, 1, ["@keyspace", "@write", "@slow"]]),
  row("RENAMENX", "generic", "1.0.0", "Rename a key, only if the new key does not exist",
    "key newkey",
    "O(1)",
    [3, ["write", "fast"], 1, 2, 1, ["@keyspace", "@write", "@fast"]]),
  row("RANDOMKEY", "generic", "1.0.0", "Return a random key from the keyspace",
    "",
    "O(1)",
    [1, ["readonly"], 0, 0, 0, ["@keyspace", "@read", "@slow"]]),
  row("EXPIRETIME", "generic", "7.0.0", "Get the expiration Unix timestamp for a key",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@keyspace", "@read", "@fast"]]),
  row("PEXPIRETIME", "generic", "7.0.0", "Get the expiration Unix timestamp for a key in milliseconds",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@keyspace", "@read", "@fast"]]),
  row("LPUSH", "list", "1.0.0", "Prepend one or multiple elements to a list",
    "key element [element ...]",
    "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    [-3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("RPUSH", "list", "1.0.0", "Append one or multiple elements to a list",
    "key element [element ...]",
    "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    [-3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("LPUSHX", "list", "2.2.0", "Prepend an element to a list, only if the list exists",
    "key element [element ...]",
    "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    [-3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("RPUSHX", "list", "2.2.0", "Append an element to a list, only if the list exists",
    "key element [element ...]",
    "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    [-3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("LPOP", "list", "1.0.0", "Remove and get the first elements in a list",
    "key [count]",
    "O(N) where N is the number of elements returned",
    [-2, ["write", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("RPOP", "list", "1.0.0", "Remove and get the last elements in a list",
    "key [count]",
    "O(N) where N is the number of elements returned",
    [-2, ["write", "fast"], 1, 1, 1, ["@write", "@list", "@fast"]]),
  row("LRANGE", "list", "1.0.0", "Get a range of elements from a list",
    "key start stop",
    "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.",
    [4, ["readonly"], 1, 1, 1, ["@read", "@list", "@slow"]]),
  row("LLEN", "list", "1.0.0", "Get the length of a list",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@list", "@fast"]]),
  row("LINDEX", "list", "1.0.0", "Get an element from a list by its index",
    "key index",
    "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).",
    [3, ["readonly"], 1, 1, 1, ["@read", "@list", "@slow"]]),
  row("LSET", "list", "1.0.0", "Set the value of an element in a list by its index",
    "key index element",
    "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).",
    [4, ["write", "denyoom"], 1, 1, 1, ["@write", "@list", "@slow"]]),
  row("LREM", "list", "1.0.0", "Remove elements from a list",
    "key count element",
    "O(N+M) where N is the length of the list and M is the number of elements removed.",
    [4, ["write"], 1, 1, 1, ["@write", "@list", "@slow"]]),
  row("LTRIM", "list", "1.0.0", "Trim a list to the specified range",
    "key start stop",
    "O(N) where N is the number of elements to be removed by the operation.",
    [4, ["write"], 1, 1, 1, ["@write", "@list", "@slow"]]),
  row("HSET", "hash", "2.0.0", "Set the string value of a hash field",
    "key field value [field value ...]",
    "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
    [-4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("HSETNX", "hash", "2.0.0", "Set the value of a hash field, only if the field does not exist",
    "key field value",
    "O(1)",
    [4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("HMSET", "hash", "2.0.0", "Set multiple hash fields to multiple values",
    "key field value [field value ...]",
    "O(N) where N is the number of fields being set.",
    [-4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("HGET", "hash", "2.0.0", "Get the value of a hash field",
    "key field",
    "O(1)",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@hash", "@fast"]]),
  row("HMGET", "hash", "2.0.0", "Get the values of all the given hash fields",
    "key field [field ...]",
    "O(N) where N is the number of fields being requested.",
    [-3, ["readonly", "fast"], 1, 1, 1, ["@read", "@hash", "@fast"]]),
  row("HGETALL", "hash", "2.0.0", "Get all the fields and values in a hash",
    "key",
    "O(N) where N is the size of the hash.",
    [2, ["readonly"], 1, 1, 1, ["@read", "@hash", "@slow"]]),
  row("HDEL", "hash", "2.0.0", "Delete one or more hash fields",
    "key field [field ...]",
    "O(N) where N is the number of fields to be removed.",
    [-3, ["write", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("HLEN", "hash", "2.0.0", "Get the number of fields in a hash",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@hash", "@fast"]]),
  row("HKEYS", "hash", "2.0.0", "Get all the fields in a hash",
    "key",
    "O(N) where N is the size of the hash.",
    [2, ["readonly"], 1, 1, 1, ["@read", "@hash", "@slow"]]),
  row("HVALS", "hash", "2.0.0", "Get all the values in a hash",
    "key",
    "O(N) where N is the size of the hash.",
    [2, ["readonly"], 1, 1, 1, ["@read", "@hash", "@slow"]]),
  row("HEXISTS", "hash", "2.0.0", "Determine if a hash field exists",
    "key field",
    "O(1)",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@hash", "@fast"]]),
  row("HINCRBY", "hash", "2.0.0", "Increment the integer value of a hash field by the given number",
    "key field increment",
    "O(1)",
    [4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("HINCRBYFLOAT", "hash", "2.6.0", "Increment the float value of a hash field by the given amount",
    "key field increment",
    "O(1)",
    [4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hash", "@fast"]]),
  row("SADD", "set", "1.0.0", "Add one or more members to a set",
    "key member [member ...]",
    "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    [-3, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@set", "@fast"]]),
  row("SREM", "set", "1.0.0", "Remove one or more members from a set",
    "key member [member ...]",
    "O(N) where N is the number of members to be removed.",
    [-3, ["write", "fast"], 1, 1, 1, ["@write", "@set", "@fast"]]),
  row("SMEMBERS", "set", "1.0.0", "Get all the members in a set",
    "key",
    "O(N) where N is the set cardinality.",
    [2, ["readonly"], 1, 1, 1, ["@read", "@set", "@slow"]]),
  row("SISMEMBER", "set", "1.0.0", "Determine if a given value is a member of a set",
    "key member",
    "O(1)",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@set", "@fast"]]),
  row("SCARD", "set", "1.0.0", "Get the number of members in a set",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@set", "@fast"]]),
  row("SPOP", "set", "1.0.0", "Remove and return one or multiple random members from a set",
    "key [count]",
    "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.",
    [-2, ["write", "fast"], 1, 1, 1, ["@write", "@set", "@fast"]]),
  row("SRANDMEMBER", "set", "1.0.0", "Get one or multiple random members from a set",
    "key [count]",
    "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.",
    [-2, ["readonly"], 1, 1, 1, ["@read", "@set", "@slow"]]),
  row("SINTER", "set", "1.0.0", "Intersect multiple sets",
    "key [key ...]",
    "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
    [-2, ["readonly"], 1, -1, 1, ["@read", "@set", "@slow"]]),
  row("SUNION", "set", "1.0.0", "Add multiple sets",
    "key [key ...]",
    "O(N) where N is the total number of elements in all given sets.",
    [-2, ["readonly"], 1, -1, 1, ["@read", "@set", "@slow"]]),
  row("SDIFF", "set", "1.0.0", "Subtract multiple sets",
    "key [key ...]",
    "O(N) where N is the total number of elements in all given sets.",
    [-2, ["readonly"], 1, -1, 1, ["@read", "@set", "@slow"]]),
  row("ZADD", "sorted-set", "1.2.0", "Add one or more members to a sorted set, or update its score if it already exists",
    "key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]",
    "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
    [-4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@sortedset", "@fast"]]),
  row("ZRANGE", "sorted-set", "1.2.0", "Return a range of members in a sorted set",
    "key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]",
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    [-4, ["readonly"], 1, 1, 1, ["@read", "@sortedset", "@slow"]]),
  row("ZREVRANGE", "sorted-set", "1.2.0", "Return a range of members in a sorted set, by index, with scores ordered from high to low",
    "key start stop [WITHSCORES]",
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    [-4, ["readonly"], 1, 1, 1, ["@read", "@sortedset", "@slow"]]),
  row("ZSCORE", "sorted-set", "1.2.0", "Get the score associated with the given member in a sorted set",
    "key member",
    "O(1)",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@sortedset", "@fast"]]),
  row("ZREM", "sorted-set", "1.2.0", "Remove one or more members from a sorted set",
    "key member [member ...]",
    "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
    [-3, ["write", "fast"], 1, 1, 1, ["@write", "@sortedset", "@fast"]]),
  row("ZCARD", "sorted-set", "1.2.0", "Get the number of members in a sorted set",
    "key",
    "O(1)",
    [2, ["readonly", "fast"], 1, 1, 1, ["@read", "@sortedset", "@fast"]]),
  row("ZINCRBY", "sorted-set", "1.2.0", "Increment the score of a member in a sorted set",
    "key increment member",
    "O(log(N)) where N is the number of elements in the sorted set.",
    [4, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@sortedset", "@fast"]]),
  row("ZRANK", "sorted-set", "2.0.0", "Determine the index of a member in a sorted set",
    "key member",
    "O(log(N))",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@sortedset", "@fast"]]),
  row("ZREVRANK", "sorted-set", "2.0.0", "Determine the index of a member in a sorted set, with scores ordered from high to low",
    "key member",
    "O(log(N))",
    [3, ["readonly", "fast"], 1, 1, 1, ["@read", "@sortedset", "@fast"]]),
  row("ZCOUNT", "sorted-set", "2.0.0", "Count the members in a sorted set with scores within the given values",
    "key min max",
    "O(log(N)) with N being the number of elements in the sorted set.",
    [4, ["readonly", "fast"], 1, 1, 1, ["@read", "@sortedset", "@fast"]]),
  row("ZRANGEBYSCORE", "sorted-set", "1.0.5", "Return a range of members in a sorted set, by score",
    "key min max [WITHSCORES] [LIMIT offset count]",
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    [-4, ["readonly"], 1, 1, 1, ["@read", "@sortedset", "@slow"]]),
  row("ZREVRANGEBYSCORE", "sorted-set", "2.2.0", "Return a range of members in a sorted set, by score, with scores ordered from high to low",
    "key max min [WITHSCORES] [LIMIT offset count]",
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    [-4, ["readonly"], 1, 1, 1, ["@read", "@sortedset", "@slow"]]),
  row("INFO", "server", "1.0.0", "Get information and statistics about the server",
    "[section [section ...]]",
    "O(1)",
    [-1, ["loading", "stale"], 0, 0, 0, ["@slow", "@dangerous"]]),
  row("CONFIG", "server", "2.0.0", "A container for server configuration commands",
    "",
    "Depends on subcommand.",
    [-2, [], 0, 0, 0, ["@slow"]], ["GET", "SET", "RESETSTAT"]),
  row("CONFIG GET", "server", "2.0.0", "Get the values of configuration parameters",
    "parameter [parameter ...]",
    "O(N) when N is the number of configuration parameters provided",
    [-3, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("CONFIG SET", "server", "2.0.0", "Set configuration parameters to the given values",
    "parameter value [parameter value ...]",
    "O(N) when N is the number of configuration parameters provided",
    [-4, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("CONFIG RESETSTAT", "server", "2.0.0", "Reset the stats returned by INFO",
    "",
    "O(1)",
    [2, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("SAVE", "server", "1.0.0", "Synchronously save the dataset to disk",
    "",
    "O(N) where N is the total number of keys in all databases",
    [1, ["admin", "noscript", "no_async_loading", "no_multi"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("BGSAVE", "server", "1.0.0", "Asynchronously save the dataset to disk",
    "[SCHEDULE]",
    "O(1)",
    [-1, ["admin", "noscript", "no_async_loading"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("LASTSAVE", "server", "1.0.0", "Get the UNIX time stamp of the last successful save to disk",
    "",
    "O(1)",
    [1, ["loading", "stale", "fast"], 0, 0, 0, ["@admin", "@fast", "@dangerous"]]),
  row("DEBUG", "server", "1.0.0", "A container for debugging commands",
    "",
    "Depends on subcommand.",
    [-2, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]], ["SLEEP", "RELOAD", "SET-ACTIVE-EXPIRE"]),
  row("CLIENT", "connection", "2.4.0", "A container for client connection commands",
    "",
    "Depends on subcommand.",
    [-2, [], 0, 0, 0, ["@slow"]], ["KILL", "LIST"]),
  row("CLIENT KILL", "connection", "2.4.0", "Kill the connection of a client",
    "ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] ...]",
    "O(N) where N is the number of client connections",
    [-3, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous", "@connection"]]),
  row("CLIENT LIST", "connection", "2.4.0", "Get the list of client connections",
    "[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]",
    "O(N) where N is the number of client connections",
    [-2, ["admin", "noscript", "loading", "stale"], 0, 0, 0, ["@admin", "@slow", "@dangerous", "@connection"]]),
  row("ROLE", "server", "2.8.12", "Return the role of the instance in the context of replication",
    "",
    "O(1)",
    [1, ["noscript", "loading", "stale", "fast"], 0, 0, 0, ["@admin", "@fast", "@dangerous"]]),
  row("REPLICAOF", "server", "5.0.0", "Make the server a replica of another instance, or promote it as master.",
    "host port|NO ONE",
    "O(1)",
    [3, ["admin", "noscript", "stale", "no_async_loading"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("SLAVEOF", "server", "1.0.0", "Make the server a replica of another instance, or promote it as master.",
    "host port|NO ONE",
    "O(1)",
    [3, ["admin", "noscript", "stale", "no_async_loading"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("WAIT", "generic", "3.0.0", "Wait for the synchronous replication of all the write commands sent in the context of the current connection",
    "numreplicas timeout",
    "O(1)",
    [3, ["noscript"], 0, 0, 0, ["@slow", "@connection"]]),
  row("SYNC", "server", "1.0.0", "Internal command used for replication",
    "",
    "",
    [1, ["admin", "noscript", "no_async_loading", "no_multi"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("PSYNC", "server", "2.8.0", "Internal command used for replication",
    "replicationid offset",
    "",
    [-3, ["admin", "noscript", "no_async_loading", "no_multi"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("REPLCONF", "server", "3.0.0", "An internal command for configuring the replication stream",
    "",
    "O(1)",
    [-1, ["admin", "noscript", "loading", "stale", "allow_busy"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("SHUTDOWN", "server", "1.0.0", "Synchronously save the dataset to disk and then shut down the server",
    "[NOSAVE|SAVE] [NOW] [FORCE] [ABORT]",
    "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
    [-1, ["admin", "noscript", "loading", "stale", "no_multi", "allow_busy"], 0, 0, 0, ["@admin", "@slow", "@dangerous"]]),
  row("COMMAND", "server", "2.8.13", "Get array of Redis command details",
    "",
    "O(N) where N is the total number of Redis commands",
    [-1, ["loading", "stale"], 0, 0, 0, ["@slow", "@connection"]], ["COUNT", "INFO", "DOCS"]),
  row("COMMAND COUNT", "server", "2.8.13", "Get total number of Redis commands",
    "",
    "O(1)",
    [2, ["loading", "stale"], 0, 0, 0, ["@slow", "@connection"]]),
  row("COMMAND INFO", "server", "2.8.13", "Get array of specific Redis command details, or all when no argument is given.",
    "[command-name [command-name ...]]",
    "O(N) where N is the number of commands to look up",
    [-2, ["loading", "stale"], 0, 0, 0, ["@slow", "@connection"]]),
  row("COMMAND DOCS", "server", "7.0.0", "Get array of specific Redis command documentation",
    "[command-name [command-name ...]]",
    "O(N) where N is the number of commands to look up",
    [-2, ["loading", "stale"], 0, 0, 0, ["@slow", "@connection"]]),
  row("MULTI", "transactions", "1.2.0", "Mark the start of a transaction block",
    "",
    "O(1)",
    [1, ["noscript", "loading", "stale", "fast", "allow_busy"], 0, 0, 0, ["@fast", "@transaction"]]),
  row("EXEC", "transactions", "1.2.0", "Execute all commands issued after MULTI",
    "",
    "Depends on commands in the transaction",
    [1, ["noscript", "loading", "stale", "skip_slowlog"], 0, 0, 0, ["@slow", "@transaction"]]),
  row("DISCARD", "transactions", "2.0.0", "Discard all commands issued after MULTI",
    "",
    "O(N), when N is the number of queued commands",
    [1, ["noscript", "loading", "stale", "fast", "allow_busy"], 0, 0, 0, ["@fast", "@transaction"]]),
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const byName = new Map<string, CommandDoc>(commandDocs.map((d) => [d.name, d]));

/**
 * The doc of a command ("set", "SET") or subcommand ("config get", or "config|get" as COMMAND
 * INFO names it), or undefined.
 */
export function findCommandDoc(name: string): CommandDoc | undefined {
  return byName.get(name.replace('|', ' ').toUpperCase());
}

/** The help groups present in the table, as redis-cli offers them after "help " ("@string"…). */
export const commandGroups: readonly string[] = Array.from(new Set(commandDocs.map((d) => d.group))).sort();

/** The entry whose words are the longest case-insensitive prefix of argv (redis-cli's search). */
function longestMatch(argv: readonly string[]): { doc: CommandDoc; words: number } | undefined {
  let best: { doc: CommandDoc; words: number } | undefined;
  for (const doc of commandDocs) {
    const words = doc.name.split(' ');
    if (words.length > argv.length) continue;
    let j = 0;
    while (j < words.length && words[j].toLowerCase() === argv[j].toLowerCase()) j++;
    if (j === words.length && (best === undefined || words.length > best.words)) best = { doc, words: words.length };
  }
  return best;
}

/**
 * redis-cli 7.0's grey hint for a line being typed (hintsCallback). `argvSoFar` is the line split
 * into arguments; `endsWithSpace` says whether the line ends in a space. The hint drops one
 * leading word per argument typed past the command name, but stops dropping at the first
 * optional "[" part; without a trailing space it starts with one. Returns "" when the line
 * names no known command.
 *   commandHint(["SET"]) → "key value [NX|XX] [GET] [EX seconds|…|KEEPTTL]"
 *   commandHint(["SET", "k"]) → "value [NX|XX] …";  commandHint(["SET", "k", "v", "NX"]) → "[NX|XX] …"
 *   commandHint(["get"], false) → " key"
 */
export function commandHint(argvSoFar: readonly string[], endsWithSpace = true): string {
  if (argvSoFar.length === 0) return '';
  const match = longestMatch(argvSoFar);
  if (match === undefined) return '';
  let hint = match.doc.args;
  let toRemove = argvSoFar.length - match.words;
  while (toRemove > 0 && hint.length > 0) {
    if (hint[0] === '[') break;
    if (hint[0] === ' ') toRemove--;
    hint = hint.slice(1);
  }
  return endsWithSpace ? hint : ' ' + hint;
}

/**
 * redis-cli 7.0's Tab completion (completionCallback): every command (or, after "help ", every
 * command and "@group") whose full name starts with the typed text, case-insensitively, as the
 * whole line to show, in table (alphabetical) order. Tab cycles through them in this order.
 *   completeCommand("ge") → ["GET", "GETDEL", "GETEX", "GETRANGE", "GETSET"]
 *   completeCommand("config s") → ["CONFIG SET"]
 */
export function completeCommand(line: string): string[] {
  let start = 0;
  let withGroups = false;
  if (line.slice(0, 5).toLowerCase() === 'help ') {
    start = 5;
    while (start < line.length && /\s/.test(line[start])) start++;
    withGroups = true;
  }
  const typed = line.slice(start).toLowerCase();
  const head = line.slice(0, start);
  const out: string[] = [];
  if (withGroups) {
    for (const g of commandGroups) if (('@' + g).startsWith(typed)) out.push(head + '@' + g);
  }
  for (const doc of commandDocs) if (doc.name.toLowerCase().startsWith(typed)) out.push(head + doc.name);
  return out;
}

/**
 * The text redis-cli prints for "help <command>" (cliOutputCommandHelp), e.g.
 *   "\r\n  SET key value …\r\n  summary: Set the string value of a key\r\n  since: 1.0.0\r\n  group: string\r\n"
 * returned as lines without line ends.
 */
export function commandHelpLines(doc: CommandDoc): string[] {
  return ['', `  ${doc.name} ${doc.args}`, `  summary: ${doc.summary}`, `  since: ${doc.since}`, `  group: ${doc.group}`, ''];
}
