// Not ported yet: the page's heading only.
export default function LoginSecondFactorPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
}
