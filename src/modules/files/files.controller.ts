import { Controller, Delete, Get, HttpCode, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { attachBody, attachmentsQuery, fileList, fileView, UPLOAD_BODY, type AttachBody, type AttachmentsQuery } from './files.schemas.js';
import { FilesService } from './files.service.js';

const EVERYONE = ['enterprise', 'provider', 'district_officer', 'alliance_manager', 'admin'] as const;

/** Uploads, downloads and attachments (docs/api.md "Files"). */
@ApiTags('files')
@ApiBearerAuth()
@Controller('v1')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @ApiOperation({
    summary: 'Upload a file',
    description:
      'multipart/form-data with one part named `file`, streamed to storage (never held whole in memory). At most FILES_MAX_BYTES (default 25 MB; 413 past it); PDF, OFD, DOCX, XLSX, PNG, JPEG or ZIP judged by the content, not the name (415 otherwise). Answers the file with its SHA-256; attach it to a request, bid, credential or fapiao (`POST /v1/attachments`), a message or a delivery (their `fileIds`). Until attached only the uploading organisation sees it.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiProblems('unsupported_media_type', 'file_infected')
  @Post('files')
  @Roles(...EVERYONE)
  @Returns(201, fileView)
  upload(@CurrentCaller() caller: Caller, @Req() req: Request) {
    return this.files.upload(caller, req);
  }

  @ApiOperation({
    summary: 'Download a file',
    description:
      'The bytes, with `Content-Disposition` carrying the original name (RFC 6266 `filename*`, UTF-8) and `Repr-Digest` its SHA-256. For the uploader and whoever sees an object it is attached to (officers: the documents behind the claims of their district); 404 for everyone else; 409 while it is `pending` a scan.',
  })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('not_found', 'conflict')
  @Get('files/:id')
  @Roles(...EVERYONE)
  async download(@CurrentCaller() caller: Caller, @UuidParam() id: string, @Res({ passthrough: true }) res: Response) {
    const { file, content } = await this.files.download(caller, id);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(file.name));
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content);
  }

  @ApiOperation({
    summary: 'Delete an unattached upload',
    description: 'The uploader removes a file it has not attached; an attached file is kept with its object (409).',
  })
  @ApiProblems('not_found', 'conflict')
  @Delete('files/:id')
  @HttpCode(204)
  @Roles(...EVERYONE)
  async remove(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<void> {
    await this.files.remove(caller, id);
  }

  @ApiOperation({
    summary: 'Attach files',
    description:
      "Attaches the caller's own clean uploads to a request (its enterprise: the brief), a bid (its provider: the proposal), a credential (its provider: the licence scan) or an engagement's fapiao (its provider). Anyone else gets 404.",
  })
  @ApiRequestExample('A brief on a request', {
    kind: 'request',
    objectId: '5b1f0c2e-7d4a-4e3b-9c8d-1a2b3c4d5e6f',
    fileIds: ['0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f'],
  })
  @ApiProblems('not_found')
  @Post('attachments')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(201, fileList)
  attach(@CurrentCaller() caller: Caller, @ValidBody(attachBody) body: AttachBody) {
    return this.files.attachDirect(caller, body);
  }

  @ApiOperation({
    summary: "List an object's files",
    description: 'The files attached to a request, bid, message, delivery, credential or fapiao, for whoever sees that object.',
  })
  @ApiProblems('not_found')
  @Get('attachments')
  @Roles(...EVERYONE)
  @Returns(200, fileList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(attachmentsQuery) query: AttachmentsQuery) {
    return this.files.list(caller, query);
  }
}
