// Not ported yet: the page's heading only.
export default function DevOutboxPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
}
