const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  info: 'border-amber-200 bg-amber-50 text-amber-900',
} as const

export function FormAlert({
  messages,
  tone = 'error',
  className,
}: {
  messages: readonly string[]
  tone?: keyof typeof TONES
  className?: string
}) {
  if (messages.length === 0) return null
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={['rounded-md border px-3 py-2 text-sm', TONES[tone], className].filter(Boolean).join(' ')}>
      {messages.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  )
}
