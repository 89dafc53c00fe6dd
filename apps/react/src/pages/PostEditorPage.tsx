// Not ported yet: the page's heading only.
export default function PostEditorPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">New post</h1>
}
