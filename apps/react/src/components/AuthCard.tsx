import type { ReactNode } from 'react'

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <section className="mx-auto w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {subtitle && <p className="mt-1 text-sm text-zinc-500">{subtitle}</p>}
      <div className="mt-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">{children}</div>
      <p className="mt-4 text-center text-sm text-zinc-500">{footer}</p>
    </section>
  )
}

export const LINK_CLASS =
  'rounded font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500'
