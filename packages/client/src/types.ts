// Names the app uses for generated schema types, so a rename in the backend's
// schema is fixed here once rather than across the app.
import type { components as AllauthComponents } from './generated/allauth'
import type { components as TandemComponents, operations } from './generated/tandem'

type TandemSchemas = TandemComponents['schemas']
type AllauthSchemas = AllauthComponents['schemas']

export type Todo = TandemSchemas['Todo']
export type TodoPage = TandemSchemas['PaginatedTodoList']
export type TodoListQuery = NonNullable<operations['todos_list']['parameters']['query']>
export type TodoStatusFilter = NonNullable<TodoListQuery['status']>

export type TodoOrdering = NonNullable<TodoListQuery['ordering']>

/** Fields a client may send when creating a todo. */
export type TodoCreateInput = TandemSchemas['TodoCreateInputRequest']

/** Editable fields of a PATCH; the client adds the `version` it last saw. */
export type TodoChanges = Omit<TandemSchemas['PatchedTodoUpdateInputRequest'], 'version'>

export type Post = TandemSchemas['Post']
export type PostSummary = TandemSchemas['PostSummary']
export type PostAuthor = TandemSchemas['PostAuthor']
export type PostPage = TandemSchemas['PaginatedPostList']
export type PostListQuery = NonNullable<operations['posts_list']['parameters']['query']>
export type PostAuthorFilter = NonNullable<PostListQuery['author']>
export type PostCreateInput = TandemSchemas['PostCreateInputRequest']
/** Editable fields of a post PATCH; the client adds the `version` it last saw. */
export type PostChanges = Omit<TandemSchemas['PatchedPostUpdateInputRequest'], 'version'>

export type Dashboard = TandemSchemas['Dashboard']

/** Tandem's own account endpoints (allauth has no headless API for the profile). */
export type Profile = TandemSchemas['ProfileOutput']
export type ProfileChanges = TandemSchemas['PatchedProfileUpdateInputRequest']
/** One signed-in session of the user (allauth.usersessions). Times are Unix seconds. */
export type UserSession = AllauthSchemas['Session']

export type AuthUser = AllauthSchemas['User']
export type AuthenticatedResponse = AllauthSchemas['AuthenticatedResponse']
export type UnauthenticatedResponse = AllauthSchemas['AuthenticationResponse']
