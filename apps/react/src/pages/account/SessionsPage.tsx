import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { describeUserAgent, errorMessage, type UserSession } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { FormAlert } from '@/components/FormAlert'
import { queryClient } from '@/queryClient'
import { accountApi } from '@/services/api'

const SESSIONS = ['account', 'sessions'] as const

function when(seconds: number): string {
  const ago = Math.max(0, Date.now() / 1000 - seconds)
  if (ago < 90) return 'just now'
  if (ago < 3600) return `${Math.round(ago / 60)} minutes ago`
  if (ago < 86400) return `${Math.round(ago / 3600)} hours ago`
  return new Date(seconds * 1000).toLocaleDateString()
}

function label(session: UserSession): string {
  return `${describeUserAgent(session.user_agent)}, ${session.ip}`
}

export default function SessionsPage() {
  const query = useQuery({ queryKey: SESSIONS, queryFn: () => accountApi.listSessions() }, queryClient)
  const [busy, setBusy] = useState<number | 'others' | null>(null)
  const [notice, setNotice] = useState('')
  const [problem, setProblem] = useState('')

  const sessions = query.data ?? []
  const others = sessions.filter((session) => !session.is_current)
  const ordered = [...sessions].sort(
    (a, b) => Number(b.is_current) - Number(a.is_current) || (b.last_seen_at ?? b.created_at) - (a.last_seen_at ?? a.created_at),
  )

  async function end(ids: number[], marker: number | 'others'): Promise<void> {
    setBusy(marker)
    setNotice('')
    setProblem('')
    try {
      queryClient.setQueryData(SESSIONS, await accountApi.endSessions(ids))
      setNotice(ids.length === 1 ? 'The session was ended.' : 'All other sessions were ended.')
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(null)
    }
  }

  const loadProblem = query.isError ? errorMessage(query.error) : ''

  return (
    <div className="flex flex-col gap-6">
      <header>
        <Link to="/account" className="text-sm text-zinc-500 hover:text-zinc-700">
          ← Account
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Sessions and devices</h1>
        <p className="mt-1 text-sm text-zinc-500">Everywhere you are signed in. Ending a session signs that device out on its next request.</p>
      </header>

      {query.isPending && <p className="text-sm text-zinc-500">Loading…</p>}
      {(problem || loadProblem) && <FormAlert messages={[problem || loadProblem]} />}
      {notice && <FormAlert tone="success" messages={[notice]} />}
      {query.isSuccess && (
        <>
          <ul className="flex flex-col gap-3" aria-label="Sessions">
            {ordered.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    {describeUserAgent(session.user_agent)}
                    {session.is_current && (
                      <span className="ml-1 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">This device</span>
                    )}
                  </p>
                  <p className="text-xs text-zinc-500">
                    {session.ip} · last seen {when(session.last_seen_at ?? session.created_at)} · signed in {when(session.created_at)}
                  </p>
                  <p className="truncate text-xs text-zinc-500" title={session.user_agent}>
                    {session.user_agent}
                  </p>
                </div>
                {!session.is_current && (
                  <AppButton
                    size="sm"
                    variant="secondary"
                    loading={busy === session.id}
                    aria-label={`End session: ${label(session)}`}
                    onClick={() => void end([session.id], session.id)}
                  >
                    End session
                  </AppButton>
                )}
              </li>
            ))}
          </ul>
          {others.length > 0 ? (
            <div>
              <AppButton
                variant="danger"
                loading={busy === 'others'}
                onClick={() =>
                  void end(
                    others.map((session) => session.id),
                    'others',
                  )
                }
              >
                End all other sessions
              </AppButton>
            </div>
          ) : (
            <p className="text-sm text-zinc-500">No other sessions.</p>
          )}
        </>
      )}
    </div>
  )
}
