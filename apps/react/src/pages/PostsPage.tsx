// Not ported yet: the page's heading only.
export default function PostsPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Posts</h1>
}
