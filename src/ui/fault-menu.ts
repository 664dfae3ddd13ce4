/** The fault menu's entries: a key, the `:` tutor line it types (PORT and PEER are picked in the menu), what it needs picked. */

export const faultMenu = [
  { key: 'k', line: ':kill PORT', needs: 'port' },
  { key: 'r', line: ':restart PORT', needs: 'port' },
  { key: 'p', line: ':pause PORT', needs: 'port' },
  { key: 'u', line: ':resume PORT', needs: 'port' },
  { key: 'd', line: ':drop PORT PEER', needs: 'pair' },
  { key: 'h', line: ':heal', needs: 'none' },
  { key: 'l', line: ':latency PORT PEER 500', needs: 'pair' },
] as const;

export type FaultEntry = (typeof faultMenu)[number];

/** The `:` line of a fault with its nodes filled in. */
export function faultLine(fault: FaultEntry, port?: number, peer?: number): string {
  return fault.line.replace('PORT', String(port)).replace('PEER', String(peer));
}
