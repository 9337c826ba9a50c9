/** CFG-5: keys appear in logs and screens only as their last four characters. */
export function obfuscateKey(key: string): string {
  return key.length < 4 ? '****' : `****${key.slice(-4)}`;
}
