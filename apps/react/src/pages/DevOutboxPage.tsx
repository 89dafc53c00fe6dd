import { useEffect, useState } from 'react'
import { ApiError, errorMessage } from '@tandem/client'
import { FormAlert } from '@/components/FormAlert'
import { apiClient } from '@/services/api'

interface OutboxEmail {
  id: string
  sent_at: number
  to: string[]
  subject: string
  body: string
  links: string[]
}

function toAppLink(link: string): string {
  // Links point at TANDEM_FRONTEND_URL; keep them in this tab's origin when they are ours.
  try {
    const url = new URL(link)
    return url.pathname.startsWith('/') ? `${url.pathname}${url.search}${url.hash}` : link
  } catch {
    return link
  }
}

export default function DevOutboxPage() {
  const [emails, setEmails] = useState<OutboxEmail[]>([])
  const [state, setState] = useState<'loading' | 'ready' | 'off' | 'error'>('loading')
  const [problem, setProblem] = useState('')

  useEffect(() => {
    let live = true
    apiClient.get<{ results: OutboxEmail[] }>('/api/dev/outbox/').then(
      (answer) => {
        if (!live) return
        setEmails(answer.results)
        setState('ready')
      },
      (error: unknown) => {
        if (!live) return
        setState(error instanceof ApiError && error.status === 404 ? 'off' : 'error')
        setProblem(errorMessage(error))
      },
    )
    return () => {
      live = false
    }
  }, [])

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
        <p className="mt-1 text-sm text-zinc-500">Emails the server sent, newest first (development only).</p>
      </header>
      {state === 'loading' ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : state === 'off' ? (
        <FormAlert tone="info" messages={['The dev outbox exists only when the server runs with DEBUG on.']} />
      ) : state === 'error' ? (
        <FormAlert messages={[problem]} />
      ) : emails.length === 0 ? (
        <p className="text-sm text-zinc-500">No emails yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {emails.map((email) => (
            <li key={email.id} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
              <p className="text-sm font-medium">{email.subject}</p>
              <p className="text-xs text-zinc-500">
                To {email.to.join(', ')} · {new Date(email.sent_at * 1000).toLocaleString()}
              </p>
              {email.links.length > 0 && (
                <ul className="mt-2 flex flex-col gap-1">
                  {email.links.map((link) => (
                    <li key={link}>
                      <a href={toAppLink(link)} className="break-all text-sm text-indigo-600 hover:text-indigo-500">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-zinc-500">Full text</summary>
                <pre className="mt-2 whitespace-pre-wrap text-xs text-zinc-700">{email.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
