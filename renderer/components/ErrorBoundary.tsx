// A view that throws shows a message and a way back instead of a blank screen.
import { Component, type ReactNode } from 'react';
import { ErrorBanner } from './feedback';

interface Props {
  children: ReactNode;
  resetKey: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="view">
          <ErrorBanner error={new Error(`界面出错：${this.state.error.message}`)} onRetry={() => this.setState({ error: null })} />
        </div>
      );
    }
    return this.props.children;
  }
}
