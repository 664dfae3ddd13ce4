/** The scheduler's event labels (`deliver 6380→6381`, `6380 BGSAVE ends`) in the learner's language. */

import type { ReplLang } from './api.js';

/**
 * The labels in Chinese. They come from the engine in a few fixed shapes; one not listed here is
 * shown as it is (the ports and commands in it read the same in any language).
 */
const ZH_LABELS: ReadonlyArray<[RegExp, string]> = [
  [/^deliver (\d+)→(\d+)$/, '投递 $1→$2 的数据'],
  [/^connect (\d+)→(\d+)$/, '建立连接 $1→$2'],
  [/^close (\d+)→(\d+)$/, '关闭连接 $1→$2'],
  [/^(\d+) serverCron$/, '$1 serverCron'],
  [/^(\d+) BGSAVE ends$/, '$1 BGSAVE 结束'],
  [/^RDB chunk (\d+)→(\d+)$/, 'RDB 分块 $1→$2'],
  [/^(\d+) WAIT timeout$/, '$1 WAIT 超时'],
  [/^(\d+) RDB loaded$/, '$1 RDB 载入完成'],
  [/^(\d+) DEBUG SLEEP ends$/, '$1 DEBUG SLEEP 结束'],
];

export function eventLabel(label: string, lang: ReplLang): string {
  if (lang !== 'zh') return label;
  for (const [re, zh] of ZH_LABELS) if (re.test(label)) return label.replace(re, zh);
  return label;
}
