import dayjs from 'dayjs';

export const formatTime = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '-');
export const formatDate = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD') : '-');
