/** A random idempotency key; crypto.randomUUID exists only in secure contexts, so fall back. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** 13812345678 becomes 138****5678, like the server's masking of personal data. */
export function maskPhone(number?: string | null): string {
  if (!number) return ''
  const digits = number.trim()
  if (digits.length >= 7) return `${digits.substring(0, 3)}****${digits.substring(digits.length - 4)}`
  return '*'.repeat(Math.max(0, digits.length - 2)) + digits.substring(Math.max(0, digits.length - 2))
}
