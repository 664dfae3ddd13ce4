/**
 * The scheduler's event labels as tagged data, one row per kind with its words in English and
 * 中文: what the "next:" line and `:step` say about an event before or as it fires
 * (`deliver 6380→6381`, `6380 BGSAVE ends`). The network's kinds come from src/sim; the rest are
 * the engine's timers (serverCron, the fork's end, a WAIT timeout …).
 */

import type { Language } from '../language.js';
import type { NetEventLabel } from '../sim/network.js';
import type { EventLabel } from '../sim/scheduler.js';

/** Every label the engine's scheduler carries. */
export type EngineEventLabel =
  | NetEventLabel
  | { readonly kind: 'rdbChunk'; readonly from: number; readonly to: number }
  | {
      readonly kind: 'serverCron' | 'bgsaveEnds' | 'rdbLoaded' | 'waitTimeout' | 'debugSleepEnds' | 'shutdownCheck' | 'failoverTimeout' | 'blockedTimeout';
      readonly port: number;
    };

export type EventLabelKind = EngineEventLabel['kind'];

type LabelOf<K extends EventLabelKind> = EngineEventLabel & { readonly kind: K };

/** The table: each kind in each language. Ports, commands and Redis's own names read the same in both. */
export const EVENT_LABELS: { readonly [K in EventLabelKind]: Record<Language, (l: LabelOf<K>) => string> } = {
  deliver: { en: (l) => `deliver ${l.from}→${l.to}`, zh: (l) => `投递 ${l.from}→${l.to} 的数据` },
  connect: { en: (l) => `connect ${l.from}→${l.to}`, zh: (l) => `建立连接 ${l.from}→${l.to}` },
  close: { en: (l) => `close ${l.from}→${l.to}`, zh: (l) => `关闭连接 ${l.from}→${l.to}` },
  rdbChunk: { en: (l) => `RDB chunk ${l.from}→${l.to}`, zh: (l) => `RDB 分块 ${l.from}→${l.to}` },
  serverCron: { en: (l) => `${l.port} serverCron`, zh: (l) => `${l.port} serverCron` },
  bgsaveEnds: { en: (l) => `${l.port} BGSAVE ends`, zh: (l) => `${l.port} BGSAVE 结束` },
  rdbLoaded: { en: (l) => `${l.port} RDB loaded`, zh: (l) => `${l.port} RDB 载入完成` },
  waitTimeout: { en: (l) => `${l.port} WAIT timeout`, zh: (l) => `${l.port} WAIT 超时` },
  debugSleepEnds: { en: (l) => `${l.port} DEBUG SLEEP ends`, zh: (l) => `${l.port} DEBUG SLEEP 结束` },
  shutdownCheck: { en: (l) => `${l.port} shutdown check`, zh: (l) => `${l.port} SHUTDOWN 检查从库是否跟上` },
  failoverTimeout: { en: (l) => `${l.port} FAILOVER timeout`, zh: (l) => `${l.port} FAILOVER 超时` },
  blockedTimeout: { en: (l) => `${l.port} blocking pop timeout`, zh: (l) => `${l.port} 阻塞弹出超时` },
};

/** Every kind, in the table's order. */
export const EVENT_LABEL_KINDS = Object.keys(EVENT_LABELS) as EventLabelKind[];

/**
 * A label in a language. A kind the table does not know (a test's own scheduler events) shows
 * its kind and fields, so nothing is ever blank.
 */
export function eventLabel(label: EventLabel, lang: Language): string {
  if (Object.hasOwn(EVENT_LABELS, label.kind)) {
    const words = EVENT_LABELS[label.kind as EventLabelKind][lang] as (l: EventLabel) => string;
    return words(label);
  }
  const { kind, ...rest } = label as EventLabel & Record<string, unknown>;
  const fields = Object.values(rest).join(' ');
  return fields ? `${kind} ${fields}` : kind;
}
