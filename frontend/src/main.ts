import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { onUnauthorized } from './api/http'
import { useSession } from './stores/session'
import { stopLive } from './live/stream'
import { unlockAudioOnFirstGesture } from './live/sound'
import './styles.css'

const app = createApp(App)
app.use(createPinia()).use(i18n).use(router)

onUnauthorized(() => {
  const session = useSession()
  session.me = null
  stopLive()
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ path: '/login', query: { redirect: here.fullPath } })
})
unlockAudioOnFirstGesture()
app.mount('#app')
