/**
 * Alert tones made with WebAudio, so no sound file ships. Browsers keep audio muted until the
 * page has seen a click or a key, so the context is created (or resumed) on the first gesture.
 */
let context: AudioContext | null = null

function audio(): AudioContext | null {
  if (!context && typeof AudioContext !== 'undefined') context = new AudioContext()
  if (context?.state === 'suspended') void context.resume()
  return context
}

export function unlockAudioOnFirstGesture(): void {
  const unlock = () => {
    audio()
    window.removeEventListener('pointerdown', unlock)
    window.removeEventListener('keydown', unlock)
  }
  window.addEventListener('pointerdown', unlock)
  window.addEventListener('keydown', unlock)
}

function tone(ctx: AudioContext, frequency: number, start: number, length: number): void {
  const oscillator = ctx.createOscillator()
  const gain = ctx.createGain()
  oscillator.type = 'square'
  oscillator.frequency.value = frequency
  gain.gain.setValueAtTime(0.0001, start)
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02)
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length)
  oscillator.connect(gain).connect(ctx.destination)
  oscillator.start(start)
  oscillator.stop(start + length + 0.02)
}

export type Alert = 'p1' | 'task' | 'overdue'

/** Plays an alert: three high beeps for a new P1, two for a new task, one low for overdue. */
export function playAlert(kind: Alert): void {
  const ctx = audio()
  if (!ctx) return
  const t = ctx.currentTime
  const pattern: [number, number][] =
    kind === 'p1' ? [[1320, 0], [1320, 0.25], [1320, 0.5]] : kind === 'task' ? [[880, 0], [1100, 0.2]] : [[440, 0]]
  for (const [frequency, offset] of pattern) tone(ctx, frequency, t + offset, 0.18)
}
