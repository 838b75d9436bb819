/** "1 client", "2 clients": English count and noun, the regular plural only. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
