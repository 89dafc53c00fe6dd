import { useServiceStatus } from '@/stores/serviceStatus'

export function ServiceStatusBanner() {
  const status = useServiceStatus()
  return (
    // A live region that is always there, so the message is announced when it appears.
    <div aria-live="polite">
      {status.misconfiguration ? (
        <p className="bg-red-100 px-4 py-2 text-center text-sm text-red-900" data-testid="misconfiguration">
          {status.misconfiguration}
        </p>
      ) : status.unavailable ? (
        <p className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
          <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-amber-700 border-t-transparent" aria-hidden="true"></span>
          The service is unavailable right now. Retrying…
        </p>
      ) : null}
    </div>
  )
}
