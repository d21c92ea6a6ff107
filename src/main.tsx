import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startPersistence } from './store/persistence.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

void startPersistence();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
