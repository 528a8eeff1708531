// Entry point: pick the transport (Electron preload or HTTP), load the saved language, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client';
import { currentLang, setLang } from './i18n';
import { App } from './shell/App';
import 'antd/dist/antd.css';
import './styles.css';

const client = createApiClient(currentLang);

async function start() {
  try {
    const settings = await client.call('settings.get', {});
    await setLang(settings.language);
  } catch {
    // No token or no server: the app still renders and shows the error where the data would be.
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}

void start();
