import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router'
import { installSessionLossHandler, installTabSync } from './router/session-loss'
import { installServiceStatus } from './stores/serviceStatus'
import './style.css'

const app = createApp(App)
app.use(createPinia())
const router = createAppRouter()
app.use(router)
installSessionLossHandler(router)
installTabSync(router)
installServiceStatus()
app.mount('#app')
