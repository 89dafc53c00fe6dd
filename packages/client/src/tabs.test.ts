import { describe, expect, it, vi } from 'vitest'
import { createTabChannel, parseTabMessage } from './tabs'
import { tabHub } from './testing/tab-hub'

describe('parseTabMessage', () => {
  it('accepts the three messages of the protocol', () => {
    expect(parseTabMessage({ type: 'signed-in' })).toEqual({ type: 'signed-in' })
    expect(parseTabMessage({ type: 'signed-out', extra: 1 })).toEqual({ type: 'signed-out' })
    expect(parseTabMessage({ type: 'access', token: 't', refreshAt: 5 })).toEqual({
      type: 'access',
      token: 't',
      refreshAt: 5,
    })
  })

  it('ignores anything else another script may post on the channel', () => {
    for (const data of [null, 'signed-out', 42, {}, { type: 'logout' }, { type: 'access', token: 1, refreshAt: 5 }]) {
      expect(parseTabMessage(data)).toBeNull()
    }
  })
})

describe('createTabChannel', () => {
  it('delivers to the other tabs, never back to the sender, and stops after unsubscribe', () => {
    const hub = tabHub()
    const a = createTabChannel(hub.port())
    const b = createTabChannel(hub.port())
    const heardByA = vi.fn()
    const heardByB = vi.fn()
    a.subscribe(heardByA)
    const stop = b.subscribe(heardByB)

    a.post({ type: 'signed-out' })
    expect(heardByB).toHaveBeenCalledWith({ type: 'signed-out' })
    expect(heardByA).not.toHaveBeenCalled()

    stop()
    a.post({ type: 'signed-in' })
    expect(heardByB).toHaveBeenCalledTimes(1)
  })

  it('drops malformed messages', () => {
    const hub = tabHub()
    const raw = hub.port()
    const channel = createTabChannel(hub.port())
    const heard = vi.fn()
    channel.subscribe(heard)
    raw.postMessage({ type: 'access', token: 'no refreshAt' })
    expect(heard).not.toHaveBeenCalled()
  })

  it('works without a port (server-side rendering): posts go nowhere', () => {
    const channel = createTabChannel(null)
    expect(() => channel.post({ type: 'signed-out' })).not.toThrow()
    expect(channel.subscribe(vi.fn())).toBeTypeOf('function')
  })
})
