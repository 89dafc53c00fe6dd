// Test support only (excluded from the build).
import type { MessagePortLike } from '../tabs'

/** Ports joined like BroadcastChannels of one origin: a message reaches every port but its sender's. */
export function tabHub() {
  const ports: { listeners: Set<(event: MessageEvent) => void> }[] = []
  function port(): MessagePortLike {
    const self = { listeners: new Set<(event: MessageEvent) => void>() }
    ports.push(self)
    return {
      postMessage(message) {
        for (const other of ports) {
          if (other === self) continue
          for (const listener of other.listeners) listener({ data: structuredClone(message) } as MessageEvent)
        }
      },
      addEventListener: (_type, listener) => self.listeners.add(listener),
      removeEventListener: (_type, listener) => self.listeners.delete(listener),
    }
  }
  return { port }
}
