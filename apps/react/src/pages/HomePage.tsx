import { Link, useSearchParams } from 'react-router'
import { FormAlert } from '@/components/FormAlert'
import { useAuth } from '@/stores/auth'

const primary =
  'inline-flex items-center rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2'
const secondary =
  'inline-flex items-center rounded-md bg-white px-4 py-2.5 text-sm font-medium text-zinc-800 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2'

const features = [
  { title: 'Secure by default', text: 'HttpOnly session cookies, CSRF on every write, logout that really revokes.' },
  { title: 'One error shape', text: 'The API and auth speak the same JSON errors, so forms show them next to each field.' },
  { title: 'No lost updates', text: 'Edits carry a version; a stale write is refused and you see the latest copy.' },
]

export default function HomePage() {
  const { isAuthenticated, email } = useAuth()
  const [query] = useSearchParams()
  /** Where the account page sends a user who just deleted their account. */
  const accountDeleted = query.get('deleted') === '1'

  return (
    <section className="py-6 sm:py-12">
      {accountDeleted && (
        <FormAlert
          tone="success"
          className="mb-8"
          messages={['Your account and everything in it were deleted. You have been signed out everywhere.']}
        />
      )}
      <p className="text-sm font-semibold uppercase tracking-wider text-indigo-600">Django + React, done right</p>
      <h1 className="mt-2 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">A full-stack starter that ships the hard parts.</h1>
      <p className="mt-4 max-w-2xl text-lg text-zinc-600">
        Tandem pairs a Django REST API with a React single-page app: auth, CSRF, CORS, pagination and optimistic concurrency wired
        together and tested in a real browser.
      </p>

      <div className="mt-8 flex flex-wrap items-center gap-3">
        {isAuthenticated ? (
          <>
            <Link to="/todos" className={primary}>
              Open my list
            </Link>
            <span className="text-sm text-zinc-500">Signed in as {email}</span>
          </>
        ) : (
          <>
            <Link to="/account/signup" className={primary}>
              Get started
            </Link>
            <Link to="/login" className={secondary}>
              I have an account
            </Link>
          </>
        )}
      </div>

      <ul className="mt-14 grid gap-4 sm:grid-cols-3">
        {features.map((feature) => (
          <li key={feature.title} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 className="font-medium">{feature.title}</h2>
            <p className="mt-1.5 text-sm text-zinc-600">{feature.text}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
