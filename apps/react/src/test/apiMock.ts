// Stand-in for '@/services/api' in unit tests: `vi.mock('@/services/api', () => import('@/test/apiMock'))`.
import { fakeSession } from './fakeSession'

export const session = fakeSession().session
export const apiClient = { get: () => Promise.reject(new Error('no API in unit tests')), setUnavailableHandler: () => undefined }
export const authApi = {}
export const todosApi = {}
export const postsApi = {}
export const dashboardApi = {}
export const accountApi = {}
export const mfaApi = {}
