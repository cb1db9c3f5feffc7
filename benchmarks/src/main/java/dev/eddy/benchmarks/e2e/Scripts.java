package dev.eddy.benchmarks.e2e;

import java.nio.file.Path;

/** The texts written at run time: wrk's pipelining script, Tornado's server, nginx's config. */
final class Scripts {

  /** TechEmpower's pipeline.lua: {@code depth} requests (the argument after --) per write. */
  static final String PIPELINE_LUA = """
      init = function(args)
        local r = {}
        local depth = tonumber(args[1]) or 1
        for i = 1, depth do
          r[i] = wrk.format()
        end
        req = table.concat(r)
      end

      request = function()
        return req
      end
      """;

  /**
   * Tornado's hello: {@code python3 tornado_hello.py PORT PROCESSES STATIC_DIR}; more than one
   * process forks after binding ({@code tornado.process.fork_processes}).
   */
  static final String TORNADO_PY = """
      import asyncio
      import sys

      import tornado.httpserver
      import tornado.netutil
      import tornado.process
      import tornado.web

      HELLO = b"Hello, World!"


      class Plaintext(tornado.web.RequestHandler):
          def get(self):
              self.set_header("Content-Type", "text/plain")
              self.write(HELLO)


      class Json(tornado.web.RequestHandler):
          def get(self):
              self.write({"message": "Hello, World!"})


      async def serve(sockets, static_dir):
          app = tornado.web.Application([
              (r"/plaintext", Plaintext),
              (r"/json", Json),
              (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": static_dir}),
          ])
          server = tornado.httpserver.HTTPServer(app)
          server.add_sockets(sockets)
          await asyncio.Event().wait()


      def main():
          port, processes, static_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
          sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
          if processes != 1:
              tornado.process.fork_processes(processes)
          asyncio.run(serve(sockets, static_dir))


      main()
      """;

  private Scripts() {}

  /**
   * nginx with one worker: {@code return 200} for the plaintext and JSON bodies, {@code root} for
   * the static file, no access log, keep-alive connections not capped (as for the other
   * servers).
   */
  static String nginxConf(int port, Path prefix, Path root) {
    return """
        worker_processes 1;
        pid %1$s/nginx.pid;
        events {
          worker_connections 4096;
        }
        http {
          include /etc/nginx/mime.types;
          access_log off;
          sendfile on;
          keepalive_requests 100000000;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            location = /plaintext {
              default_type text/plain;
              return 200 "Hello, World!";
            }
            location = /json {
              default_type application/json;
              return 200 '{"message":"Hello, World!"}';
            }
            location /static/ {
              root %3$s;
            }
          }
        }
        """.formatted(prefix, port, root);
  }
}
