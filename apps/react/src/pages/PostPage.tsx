// Not ported yet: the page's heading only.
export default function PostPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Post</h1>
}
