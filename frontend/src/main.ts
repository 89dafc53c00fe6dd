import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router'
import { installSessionLossHandler } from './router/session-loss'
import { installServiceStatus } from './stores/serviceStatus'
import './style.css'

const app = createApp(App)
app.use(createPinia())
const router = createAppRouter()
app.use(router)
installSessionLossHandler(router)
installServiceStatus()
app.mount('#app')
