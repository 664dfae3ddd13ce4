/**
 * INFO (server.c genRedisInfoString): the sections and fields of Redis 7.0.15, in its order. The
 * replication section is exact; process-level numbers (memory, CPU) are plausible simulations.
 */

import { failoverStateName } from './failover.js';
import { totalKeys } from './keyspace.js';
import { estimatedUsedMemory } from './persistence.js';
import { printableReplicaState, replicaOffsets } from './replication.js';
import type { RedisServer } from './server.js';

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];
const ALL_SECTIONS = [...DEFAULT_SECTIONS.slice(0, 7), 'modules', 'commandstats', 'errorstats', 'cluster', 'keyspace'];
/** Every section INFO can print, in its order (Tab completes `info rep` from these). */
export const INFO_SECTIONS: readonly string[] = ALL_SECTIONS;

/** Human form of a byte count, like bytesToHuman(): 895.46K, 11.42M. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}

/** The INFO text for the requested sections (none = default; "all", "everything", "default"). */
export function genRedisInfoString(server: RedisServer, args: string[]): string {
  let sections: string[];
  const wanted = args.map((a) => a.toLowerCase());
  if (wanted.length === 0 || wanted.includes('default')) sections = DEFAULT_SECTIONS;
  else if (wanted.includes('all') || wanted.includes('everything')) sections = ALL_SECTIONS;
  else sections = DEFAULT_SECTIONS.concat(['commandstats']).filter((s) => wanted.includes(s));
  const out: string[] = [];
  for (const s of sections) {
    if (out.length > 0) out.push('');
    out.push(...section(server, s));
  }
  return out.length === 0 ? '' : out.join('\r\n') + '\r\n';
}

function section(server: RedisServer, name: string): string[] {
  switch (name) {
    case 'server':
      return serverSection(server);
    case 'clients':
      return clientsSection(server);
    case 'memory':
      return memorySection(server);
    case 'persistence':
      return persistenceSection(server);
    case 'stats':
      return statsSection(server);
    case 'replication':
      return replicationSection(server);
    case 'cpu': {
      const secs = (server.now - server.startedMs) / 1000;
      return [
        '# CPU',
        `used_cpu_sys:${(secs * 0.0004).toFixed(6)}`,
        `used_cpu_user:${(secs * 0.0008).toFixed(6)}`,
        'used_cpu_sys_children:0.000000',
        'used_cpu_user_children:0.000000',
        `used_cpu_sys_main_thread:${(secs * 0.0004).toFixed(6)}`,
        `used_cpu_user_main_thread:${(secs * 0.0008).toFixed(6)}`,
      ];
    }
    case 'modules':
      return ['# Modules'];
    case 'commandstats':
      return ['# Commandstats'];
    case 'errorstats':
      return ['# Errorstats'];
    case 'cluster':
      return ['# Cluster', 'cluster_enabled:0'];
    case 'keyspace':
      return keyspaceSection(server);
    default:
      return [];
  }
}

function serverSection(server: RedisServer): string[] {
  const unixMs = server.world.unixMs();
  const uptime = Math.floor((server.now - server.startedMs) / 1000);
  return [
    '# Server',
    'redis_version:7.0.15',
    'redis_git_sha1:00000000',
    'redis_git_dirty:0',
    'redis_build_id:ae4d7c971a948f0',
    'redis_mode:standalone',
    'os:Linux 6.1.0 x86_64',
    'arch_bits:64',
    'monotonic_clock:POSIX clock_gettime',
    'multiplexing_api:epoll',
    'atomicvar_api:c11-builtin',
    'gcc_version:12.2.0',
    `process_id:${server.pid}`,
    'process_supervised:no',
    `run_id:${server.runId}`,
    `tcp_port:${server.port}`,
    `server_time_usec:${unixMs * 1000}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
    'hz:10',
    'configured_hz:10',
    `lru_clock:${Math.floor(unixMs / 1000) % 16777216}`,
    'executable:/usr/bin/redis-server',
    `config_file:${server.configPath}`,
    'io_threads_active:0',
  ];
}

function clientsSection(server: RedisServer): string[] {
  // connected_clients = all clients but replicas (the link to our master counts).
  const normal = server.clients.size - server.replicas.length + (server.masterLink?.client ? 1 : 0);
  // Blocked in WAIT or in a blocking pop; those with a deadline are in the timeout table.
  let blocked = server.waitingClients.length;
  let withTimeout = server.waitingClients.filter((wc) => wc.timer !== null).length;
  for (const c of server.clients.values()) {
    if (c.blockedPop === null) continue;
    blocked++;
    if (c.blockedPop.timer !== null) withTimeout++;
  }
  return [
    '# Clients',
    `connected_clients:${normal}`,
    'cluster_connections:0',
    'maxclients:10000',
    'client_recent_max_input_buffer:0',
    'client_recent_max_output_buffer:0',
    `blocked_clients:${blocked}`,
    'tracking_clients:0',
    `clients_in_timeout_table:${withTimeout}`,
  ];
}

function memorySection(server: RedisServer): string[] {
  const used = estimatedUsedMemory(server);
  const backlog = server.backlog ? server.backlog.histlen : 0;
  let replBuffers = 0;
  for (const c of server.replicas) replBuffers += c.replica!.outputBufferBytes;
  const rss = Math.round(used * 1.3 + 8_000_000);
  const maxmemory = server.config.getInt('maxmemory');
  return [
    '# Memory',
    `used_memory:${used}`,
    `used_memory_human:${bytesToHuman(used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${used}`,
    `used_memory_peak_human:${bytesToHuman(used)}`,
    'used_memory_peak_perc:100.00%',
    `used_memory_overhead:${876_384 + backlog + replBuffers}`,
    'used_memory_startup:876184',
    `used_memory_dataset:${Math.max(0, used - 876_384)}`,
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${server.config.get('maxmemory-policy')}`,
    `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
    `mem_replication_backlog:${backlog}`,
    `mem_total_replication_buffers:${backlog + replBuffers}`,
    `mem_clients_slaves:${replBuffers}`,
    'mem_clients_normal:0',
    'mem_allocator:jemalloc-5.3.0',
    'lazyfree_pending_objects:0',
  ];
}

function persistenceSection(server: RedisServer): string[] {
  const bg = server.bgsave;
  const loading = server.loading;
  const lines = [
    '# Persistence',
    `loading:${loading ? 1 : 0}`,
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    'current_fork_perc:0.00',
    'current_save_keys_processed:0',
    `current_save_keys_total:${bg ? bg.keys : 0}`,
  ];
  if (loading) {
    const elapsed = server.now - loading.startedMs;
    const total = loading.untilMs - loading.startedMs;
    const loaded = total > 0 ? Math.floor((loading.bytes * elapsed) / total) : loading.bytes;
    lines.push(
      `loading_start_time:${Math.floor((server.world.unixMs() - elapsed) / 1000)}`,
      `loading_total_bytes:${loading.bytes}`,
      `loading_rdb_used_mem:${loading.bytes * 3}`,
      `loading_loaded_bytes:${loaded}`,
      `loading_loaded_perc:${((loaded * 100) / Math.max(1, loading.bytes)).toFixed(2)}`,
      `loading_eta_seconds:${Math.ceil((total - elapsed) / 1000)}`,
    );
  }
  lines.push(
    `rdb_changes_since_last_save:${server.dirty}`,
    `rdb_bgsave_in_progress:${bg ? 1 : 0}`,
    `rdb_last_save_time:${server.lastSaveUnixSec}`,
    `rdb_last_bgsave_status:${server.lastBgsaveOk ? 'ok' : 'err'}`,
    `rdb_last_bgsave_time_sec:${server.lastBgsaveDurationSec}`,
    `rdb_current_bgsave_time_sec:${bg ? Math.floor((server.now - bg.startedMs) / 1000) : -1}`,
    `rdb_saves:${server.rdbSaves}`,
    'rdb_last_cow_size:0',
    'rdb_last_load_keys_expired:0',
    `rdb_last_load_keys_loaded:${server.lastLoadKeys}`,
    `aof_enabled:${server.config.getBool('appendonly') ? 1 : 0}`,
    'aof_rewrite_in_progress:0',
    'aof_rewrite_scheduled:0',
    'aof_last_rewrite_time_sec:-1',
    'aof_current_rewrite_time_sec:-1',
    'aof_last_bgrewrite_status:ok',
    'aof_rewrites:0',
    'aof_rewrites_consecutive_failures:0',
    'aof_last_write_status:ok',
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
  );
  return lines;
}

function statsSection(server: RedisServer): string[] {
  const s = server.stat;
  return [
    '# Stats',
    `total_connections_received:${s.connectionsReceived}`,
    `total_commands_processed:${s.commandsProcessed}`,
    'instantaneous_ops_per_sec:0',
    `total_net_input_bytes:${s.netInputBytes}`,
    `total_net_output_bytes:${s.netOutputBytes}`,
    `total_net_repl_input_bytes:${s.netReplInputBytes}`,
    `total_net_repl_output_bytes:${s.netReplOutputBytes}`,
    'instantaneous_input_kbps:0.00',
    'instantaneous_output_kbps:0.00',
    'instantaneous_input_repl_kbps:0.00',
    'instantaneous_output_repl_kbps:0.00',
    'rejected_connections:0',
    `sync_full:${s.syncFull}`,
    `sync_partial_ok:${s.syncPartialOk}`,
    `sync_partial_err:${s.syncPartialErr}`,
    `expired_keys:${s.expiredKeys}`,
    'expired_stale_perc:0.00',
    'expired_time_cap_reached_count:0',
    'expire_cycle_cpu_milliseconds:0',
    'evicted_keys:0',
    'evicted_clients:0',
    'total_eviction_exceeded_time:0',
    'current_eviction_exceeded_time:0',
    `keyspace_hits:${s.keyspaceHits}`,
    `keyspace_misses:${s.keyspaceMisses}`,
    `pubsub_channels:${server.pubsub.channels.size}`,
    `pubsub_patterns:${server.pubsub.patterns.size}`,
    `pubsubshard_channels:${server.pubsub.shardChannels.size}`,
    `latest_fork_usec:${s.totalForks > 0 ? 350 : 0}`,
    `total_forks:${s.totalForks}`,
    'migrate_cached_sockets:0',
    'slave_expires_tracked_keys:0',
    'active_defrag_hits:0',
    'active_defrag_misses:0',
    'active_defrag_key_hits:0',
    'active_defrag_key_misses:0',
    'total_active_defrag_time:0',
    'current_active_defrag_time:0',
    'tracking_total_keys:0',
    'tracking_total_items:0',
    'tracking_total_prefixes:0',
    'unexpected_error_replies:0',
    `total_error_replies:${s.totalErrorReplies}`,
    'dump_payload_sanitizations:0',
    `total_reads_processed:${s.commandsProcessed}`,
    `total_writes_processed:${s.commandsProcessed}`,
    'io_threaded_reads_processed:0',
    'io_threaded_writes_processed:0',
    'reply_buffer_shrinks:0',
    'reply_buffer_expands:0',
  ];
}

/** The replication section, field for field as 7.0.15 prints it (facts §5). */
export function replicationSection(server: RedisServer): string[] {
  const now = server.now;
  const lines = ['# Replication'];
  if (server.masterHost === null) {
    lines.push('role:master');
  } else {
    const link = server.masterLink;
    const st = server.replState;
    lines.push('role:slave', `master_host:${server.masterHost}`, `master_port:${server.masterPort}`);
    lines.push(`master_link_status:${st === 'connected' ? 'up' : 'down'}`);
    lines.push(
      `master_last_io_seconds_ago:${link?.client ? Math.floor((now - link.client.lastInteractionMs) / 1000) : -1}`,
    );
    lines.push(`master_sync_in_progress:${st === 'transfer' ? 1 : 0}`);
    const offs = replicaOffsets(server);
    lines.push(`slave_read_repl_offset:${offs.read}`, `slave_repl_offset:${offs.applied}`);
    if (st === 'transfer' && link) {
      const t = link.transfer;
      const total = t ? (t.eofMark ? 0 : t.total) : -1;
      const read = t ? t.read : 0;
      const left = t ? (t.eofMark ? 0 : t.total - t.read) : -1;
      const perc = t && t.total > 0 && !t.eofMark ? (read * 100) / t.total : -0;
      lines.push(
        `master_sync_total_bytes:${total}`,
        `master_sync_read_bytes:${read}`,
        `master_sync_left_bytes:${left}`,
        `master_sync_perc:${perc === 0 && Object.is(perc, -0) ? '-0.00' : perc.toFixed(2)}`,
        `master_sync_last_io_seconds_ago:${Math.floor((now - link.lastIoMs) / 1000)}`,
      );
    }
    if (st !== 'connected') {
      lines.push(
        `master_link_down_since_seconds:${server.replDownSinceMs ? Math.floor((now - server.replDownSinceMs) / 1000) : -1}`,
      );
    }
    lines.push(
      `slave_priority:${server.config.get('replica-priority')}`,
      `slave_read_only:${server.replicaReadOnly ? 1 : 0}`,
      `replica_announced:${server.config.getBool('replica-announced') ? 1 : 0}`,
    );
  }
  lines.push(`connected_slaves:${server.replicas.length}`);
  if (server.minReplicasToWrite > 0 && server.minReplicasMaxLag > 0) {
    lines.push(`min_slaves_good_slaves:${server.goodReplicasCount}`);
  }
  server.replicas.forEach((c, i) => {
    const r = c.replica!;
    const lag = r.state === 'online' && r.lastAckMs !== null ? Math.floor((now - r.lastAckMs) / 1000) : 0;
    lines.push(`slave${i}:ip=${r.announcedIp},port=${r.announcedPort},state=${printableReplicaState(r.state)},offset=${r.ackOffset},lag=${lag}`);
  });
  const b = server.backlog;
  lines.push(
    `master_failover_state:${failoverStateName(server)}`,
    `master_replid:${server.replid}`,
    `master_replid2:${server.replid2}`,
    `master_repl_offset:${server.masterReplOffset}`,
    `second_repl_offset:${server.secondReplOffset}`,
    `repl_backlog_active:${b ? 1 : 0}`,
    `repl_backlog_size:${server.config.getInt('repl-backlog-size')}`,
    `repl_backlog_first_byte_offset:${b ? b.firstByteOffset : 0}`,
    `repl_backlog_histlen:${b ? b.histlen : 0}`,
  );
  return lines;
}

function keyspaceSection(server: RedisServer): string[] {
  const lines = ['# Keyspace'];
  const nowMs = server.world.unixMs();
  for (const db of server.dbs) {
    if (db.dict.size === 0) continue;
    let ttlSum = 0;
    let n = 0;
    for (const at of db.expires.values()) {
      const ttl = at - nowMs;
      if (ttl > 0) {
        ttlSum += ttl;
        n++;
      }
      if (n >= 1000) break;
    }
    lines.push(`db${db.id}:keys=${db.dict.size},expires=${db.expires.size},avg_ttl=${n ? Math.round(ttlSum / n) : 0}`);
  }
  return lines;
}

/** Total keys, for INFO-like summaries. */
export function keyCount(server: RedisServer): number {
  return totalKeys(server.dbs);
}
