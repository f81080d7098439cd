import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useNavigate } from 'react-router';

/** A button that is a real link (<a href>) but navigates inside the SPA. */
export function LinkButton({ to, ...props }: ButtonProps & { to: string; 'data-testid'?: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
