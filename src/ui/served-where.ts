/** Serve mode's listening addresses, written short for the picture's title and the notices. */

/** Where serve mode listens, short: `127.0.0.1:6380–6382` for one host and consecutive ports. */
export function servedWhere(served: ReadonlyArray<{ port: number; address: string }>): string {
  if (served.length === 0) return '—';
  const host = (a: string) => a.slice(0, a.lastIndexOf(':'));
  const real = served.map((s) => Number(s.address.slice(s.address.lastIndexOf(':') + 1)));
  const oneHost = served.every((s) => host(s.address) === host(served[0].address));
  const consecutive = real.every((p, i) => i === 0 || p === real[i - 1] + 1);
  if (oneHost && consecutive && served.length > 1) return `${served[0].address}–${real[real.length - 1]}`;
  if (oneHost) return `${host(served[0].address)}:${real.join(',')}`;
  return served.map((s) => s.address).join(' ');
}
