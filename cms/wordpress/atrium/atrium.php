<?php
/**
 * Plugin Name:       Atrium widgets
 * Plugin URI:        https://github.com/northwind/atrium
 * Description:       Place Atrium widgets (micro-frontends of your Atrium deployment) in posts and pages: a block and an [atrium_widget] shortcode, rendered server-side so every author can use them.
 * Version:           0.3.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Atrium
 * License:           MIT
 * Text Domain:       atrium
 *
 * @package Atrium
 */

// Loaded by WordPress only: a direct request to this file does nothing.
if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'ATRIUM_VERSION', '0.3.0' );
define( 'ATRIUM_FILE', __FILE__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/shortcode.php';
require_once __DIR__ . '/includes/block.php';
require_once __DIR__ . '/includes/callback.php';

add_action( 'init', 'atrium_register_shortcode' );
add_action( 'init', 'atrium_register_block' );
add_action( 'init', 'atrium_register_setting' );
add_action( 'admin_init', 'atrium_add_settings_fields' );
add_action( 'admin_menu', 'atrium_add_settings_page' );
add_action( 'parse_request', 'atrium_serve_callback', 0 );
add_filter( 'script_loader_tag', 'atrium_script_tag', 10, 3 );
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'atrium_settings_link' );
