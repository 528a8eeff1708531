// The only bridge between the page and the app: one function that sends an API call over IPC.
// The page gets no Node, no ipcRenderer, nothing else (contextIsolation + sandbox).
// `session` is the optional PIN-login token, passed through to the core.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('nguongoc', {
  host: 'electron',
  call(method: string, input: unknown, lang: 'vi' | 'en', session?: string) {
    return ipcRenderer.invoke('nguongoc:call', method, input, lang, session);
  },
});
