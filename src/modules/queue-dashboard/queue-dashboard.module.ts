import { Module } from '@nestjs/common';
import { JobsAdminController } from './jobs-admin.controller.js';
import { QueueDashboard } from './queue-dashboard.js';

@Module({ controllers: [JobsAdminController], providers: [QueueDashboard], exports: [QueueDashboard] })
export class QueueDashboardModule {}
