import { randomInt } from 'node:crypto';

/** D1.2: no look-alikes (0/O, 1/I/L), so codes survive being read aloud or typed from paper. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function newOrderReference(): string {
  return `ORD-${randomCode(8)}`;
}

export function newAccessCode(): string {
  return randomCode(8);
}

/** D1.2: codes are matched case-insensitively with surrounding spaces trimmed. */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase();
}
