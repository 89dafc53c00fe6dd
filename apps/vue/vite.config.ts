import vue from '@vitejs/plugin-vue'
import { spaConfig } from '../../tooling/vite-spa'

export default spaConfig({
  appRoot: new URL('.', import.meta.url),
  framework: vue(),
  // Vue, the router and Pinia. @tandem/client is linked from the workspace (not
  // under node_modules/ once resolved), so it travels with the app's code; the
  // QR library (uqr) stays out: it loads with the MFA page only.
  vendor: /[\\/]node_modules[\\/](?!uqr[\\/])/,
})
