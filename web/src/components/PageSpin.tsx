import { Spin } from 'antd';

export const PageSpin = () => (
  <div style={{ padding: 80, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
);
