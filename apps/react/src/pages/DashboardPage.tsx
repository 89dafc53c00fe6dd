// Not ported yet: the page's heading only.
export default function DashboardPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
}
