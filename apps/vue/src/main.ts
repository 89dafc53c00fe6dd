import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router'
import { moveFocusOnNavigation } from './router/focus'
import { followSessionChanges } from './router/session-loss'
import { session } from './services/api'
import { installServiceStatus } from './stores/serviceStatus'
import { resetUserDataOnSignOut } from './stores/session'
import './style.css'

const app = createApp(App)
app.use(createPinia())
const router = createAppRouter()
app.use(router)
resetUserDataOnSignOut(session)
followSessionChanges(router, session)
moveFocusOnNavigation(router)
installServiceStatus()
app.mount('#app')
