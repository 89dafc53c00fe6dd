import react from '@vitejs/plugin-react'
import { spaConfig } from '../../tooling/vite-spa'

export default spaConfig({
  appRoot: new URL('.', import.meta.url),
  framework: react(),
  // React and React Router; TanStack Query and the QR library (uqr) load with the first page that uses them.
  vendor: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
})
